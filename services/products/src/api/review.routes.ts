import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { ReviewBoard } from '../domain/reviews.js';
import { IdParams, NoContent } from './common.schemas.js';
import {
  HelpfulResponse,
  NewReview,
  Review,
  ReviewListParams,
  ReviewPage,
  ReviewPatch,
} from './review.schemas.js';
import { viewerOf } from './viewer.js';

const tags = ['reviews'];

export interface ReviewRoutesDeps {
  guards: Guards;
  reviews: ReviewBoard;
}

export function registerReviewRoutes(app: App, { guards, reviews }: ReviewRoutesDeps): void {
  app.get(
    '/api/v1/products/:id/reviews',
    {
      onRequest: guards.optionalUser,
      schema: {
        operationId: 'listProductReviews',
        tags,
        summary: 'Reviews of a product: newest, highest, lowest or most helpful first',
        description:
          'Each review names its author by display name only, never by user id. With a token, `mine` ' +
          "is true on the caller's own review.",
        params: IdParams,
        querystring: ReviewListParams,
        response: { 200: ReviewPage, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const { sort = 'newest', limit, cursor } = request.query;
      return reviews.list(request.params.id, viewerOf(request), sort, limit, cursor);
    },
  );

  app.post(
    '/api/v1/products/:id/reviews',
    {
      onRequest: guards.user,
      schema: {
        operationId: 'writeProductReview',
        tags,
        summary: 'Review a product (signed in); one per user and product, a second is a 409',
        description:
          'The 409 names the existing review (`reviewId`): edit it with PATCH /api/v1/reviews/{id}.',
        params: IdParams,
        body: NewReview,
        response: { 201: Review, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { subject, name } = request.principal!;
      const review = await reviews.write(request.params.id, { userId: subject, name }, request.body);
      return reply.code(201).send(review);
    },
  );

  app.patch(
    '/api/v1/reviews/:id',
    {
      onRequest: guards.user,
      schema: {
        operationId: 'editReview',
        tags,
        summary: 'Edit your review',
        params: IdParams,
        body: ReviewPatch,
        response: { 200: Review, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => reviews.edit(request.params.id, viewerOf(request), request.body),
  );

  app.delete(
    '/api/v1/reviews/:id',
    {
      onRequest: guards.user,
      schema: {
        operationId: 'deleteReview',
        tags,
        summary: 'Delete your review (admins may delete any)',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await reviews.delete(request.params.id, viewerOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/reviews/:id/helpful',
    {
      onRequest: guards.user,
      schema: {
        operationId: 'markReviewHelpful',
        tags,
        summary: 'Mark a review helpful; once per user (repeating changes nothing)',
        params: IdParams,
        response: { 200: HelpfulResponse, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => reviews.markHelpful(request.params.id, request.principal!.subject),
  );
}
