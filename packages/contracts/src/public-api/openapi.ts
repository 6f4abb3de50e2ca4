// Generated from openapi.json by openapi-typescript: do not edit; npm run openapi.
export interface paths {
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Public keys that verify access tokens (JWKS)
     * @description Includes the signing key, the next one (published ahead of its turn) and retired keys whose tokens may still be valid.
     */
    get: operations['getSigningKeys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every service's dead-lettered events (admin)
     * @description Newest first, each tagged with its service. A service that cannot be asked is listed in `unavailable`.
     */
    get: operations['listDeadLetters'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/dead-letters/{service}/{subscription}/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a dead-lettered event back to its subscription in its service (admin) */
    post: operations['replayDeadLetter'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/forgot-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mail a password reset link
     * @description Answers the same whether or not an account has this email.
     */
    post: operations['requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with email and password
     * @description Answers an access token (JWT, ~15 min) and a single-use refresh token. Failed attempts are throttled per account and per client address (429 with Retry-After).
     */
    post: operations['signIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the session of a refresh token */
    post: operations['signOut'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Trade a refresh token for a new token pair
     * @description Each refresh token works once. Presenting a used one signs out its whole session (reuse detection).
     */
    post: operations['refreshSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a customer account
     * @description Answers 202 with the same body whether or not the address already has an account. A free address gets the account (it can sign in at once), a verification link and user.registered.v1; the owner of a taken one is told by mail that someone tried.
     */
    post: operations['registerAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/reset-password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Choose a new password with the token from the reset link
     * @description Signs out every session of the account.
     */
    post: operations['resetPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/unlock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mail a link that clears the failed sign-ins of an account
     * @description Answers the same whether or not an account has this email. At most 3 mails per account per hour (silently), 30 requests per client address per hour (429).
     */
    post: operations['requestUnlock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/unlock/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Clear the failed sign-ins of an account with the token from the unlock link
     * @description Single use; 400 invalid_token when used, expired or stale.
     */
    post: operations['confirmUnlock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an email address with the token from the mailed link */
    post: operations['verifyEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/verify-email/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a new verification link for the address waiting to be confirmed */
    post: operations['resendEmailVerification'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cart': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your cart, priced now, with availability */
    get: operations['getCart'];
    put?: never;
    post?: never;
    /** Empty your cart */
    delete: operations['clearCart'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cart/items/{productId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set the quantity of a product in your cart (0 removes it) */
    put: operations['setCartItemQuantity'];
    post?: never;
    /** Remove a product from your cart */
    delete: operations['removeCartItem'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/categories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The category tree */
    get: operations['listCategories'];
    put?: never;
    /** Create a category (admin); the slug defaults to one made from the name */
    post: operations['createCategory'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/categories/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete an empty category (admin); one with products or subcategories is a 409 */
    delete: operations['deleteCategory'];
    options?: never;
    head?: never;
    /** Rename or move a category (admin) */
    patch: operations['updateCategory'];
    trace?: never;
  };
  '/api/v1/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your orders, newest first (staff: everyone’s, filtered by user, status and dates) */
    get: operations['listOrders'];
    put?: never;
    /**
     * Check out: the cart (or the given items) becomes an order, paid at once when possible
     * @description Requires an Idempotency-Key: a retry with the same key and body replays the first answer (Idempotent-Replayed: true), the same key with another body is a 422, and a concurrent request with the key waits for the first (409 if it takes more than a few seconds).
     */
    post: operations['placeOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An order with its lines, totals, address, timeline and tracking */
    get: operations['getOrder'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel your order before it ships (a paid order is refunded) */
    post: operations['cancelOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/deliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admin: mark a shipped order delivered */
    post: operations['deliverOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Follow an order live (text/event-stream)
     * @description At most a few streams per user at once (429 `too_many_streams` beyond). A stream ends when the order is settled, and also after its maximum lifetime or when its access token expires: then an `event: end` with `data: {"reason": …, "resume": true}` comes first, and the client opens the stream again (with a fresh token) sending the id of the last event it got as Last-Event-ID.
     */
    get: operations['streamOrderEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/reorder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Put an old order’s products back in your cart at today’s prices */
    post: operations['reorderOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/ship': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admin: mark a paid order shipped, with its tracking number */
    post: operations['shipOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payments/webhook': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stripe webhook endpoint (signed events) */
    post: operations['receiveStripeWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search and filter products, with facets
     * @description Full-text search with typo correction and relevance ranking. Filters combine with AND, repeated values of one filter with OR; `attr.<name>=` filters on attributes. Each facet is counted with every filter except its own. Costly searches (words, brand or attribute filters, price limits off the band boundaries, two or more of category, price and rating, drafts) are rationed per client: 429 with Retry-After past its share, 503 with Retry-After when the service is busy with them or one ran past its time limit.
     */
    get: operations['listProducts'];
    put?: never;
    /** Create a product (admin); status defaults to draft */
    post: operations['createProduct'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A product by id or slug, with availability and rating summary
     * @description Admins also see drafts and archived products. Answers 304 to a matching If-None-Match.
     */
    get: operations['getProduct'];
    put?: never;
    post?: never;
    /** Archive a product (admin): no longer sold, kept for orders and reviews */
    delete: operations['archiveProduct'];
    options?: never;
    head?: never;
    /** Edit a product (admin); If-Match with the ETag you read is required */
    patch: operations['updateProduct'];
    trace?: never;
  };
  '/api/v1/products/{id}/inventory': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Stock of a product (admin) */
    get: operations['getProductInventory'];
    /** Set the on-hand count or book a delta (admin); every change is audited */
    put: operations['adjustProductInventory'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products/{id}/related': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Customers also bought: products often bought with this one, then similar ones
     * @description Active products only, the same for every customer: those bought in the same paid orders (most orders first), filled up with the best-rated of the same category, then of the same brand.
     */
    get: operations['listRelatedProducts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products/{id}/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Reviews of a product: newest, highest, lowest or most helpful first
     * @description Each review names its author by display name only, never by user id. With a token, `mine` is true on the caller's own review.
     */
    get: operations['listProductReviews'];
    put?: never;
    /**
     * Review a product (signed in); one per user and product, a second is a 409
     * @description The 409 names the existing review (`reviewId`): edit it with PATCH /api/v1/reviews/{id}.
     */
    post: operations['writeProductReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products/suggest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search-box suggestions: active products whose words start like the text typed */
    get: operations['suggestProducts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reviews/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete your review (admins may delete any) */
    delete: operations['deleteReview'];
    options?: never;
    head?: never;
    /** Edit your review */
    patch: operations['editReview'];
    trace?: never;
  };
  '/api/v1/reviews/{id}/helpful': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a review helpful; once per user (repeating changes nothing) */
    post: operations['markReviewHelpful'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search accounts (admin, support)
     * @description Newest first. q is matched literally in email and name.
     */
    get: operations['listUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One account (admin, support) */
    get: operations['getUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change an account's roles or disable it (admin)
     * @description Not your own account. Disabling signs the account out everywhere.
     */
    patch: operations['updateUserAccess'];
    trace?: never;
  };
  '/api/v1/users/{id}/avatar': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user's avatar (public)
     * @description WebP. With the current ?v= (as in avatarUrl) it may be cached for good.
     */
    get: operations['getUserAvatar'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your profile */
    get: operations['getMyProfile'];
    put?: never;
    post?: never;
    /**
     * Delete your account
     * @description Needs your password. Personal data is erased (the id stays for past orders) and user.deleted.v1 is emitted.
     */
    delete: operations['deleteMyAccount'];
    options?: never;
    head?: never;
    /** Change your name, email or preferences */
    patch: operations['updateMyProfile'];
    trace?: never;
  };
  '/api/v1/users/me/addresses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your addresses, oldest first */
    get: operations['listAddresses'];
    put?: never;
    /**
     * Add an address
     * @description The first address becomes the default.
     */
    post: operations['addAddress'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/addresses/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of your addresses */
    get: operations['getAddress'];
    put?: never;
    post?: never;
    /** Delete an address */
    delete: operations['deleteAddress'];
    options?: never;
    head?: never;
    /**
     * Change an address
     * @description Optional fields can be cleared with null.
     */
    patch: operations['updateAddress'];
    trace?: never;
  };
  '/api/v1/users/me/avatar': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Upload your avatar
     * @description The image as the raw body (Content-Type image/png, image/jpeg, image/webp or application/octet-stream) or as the one file of a multipart/form-data body. PNG, JPEG and WebP are accepted, told apart by their bytes; at most 5242880 bytes (413), 16777216 pixels and 16384 px a side (422 image_dimensions_too_large, judged from the header before decoding). 10 uploads per user and hour (429 too_many_avatar_uploads with Retry-After); 503 avatar_processing_busy with Retry-After when the service has as many conversions in hand as it takes. It is cropped to a square, resized and stored as WebP.
     */
    put: operations['uploadMyAvatar'];
    post?: never;
    /** Remove your avatar */
    delete: operations['removeMyAvatar'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/favorites': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your favorite products, newest first */
    get: operations['listFavorites'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/favorites/{productId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Add a product to your favorites (idempotent)
     * @description The product must be on sale (checked with the products service when it is configured).
     */
    put: operations['addFavorite'];
    post?: never;
    /** Remove a product from your favorites (idempotent) */
    delete: operations['removeFavorite'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change your password
     * @description Signs out every other session of the account.
     */
    post: operations['changeMyPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Products you are likely to want, best first, each with the reason
     * @description From what you bought, favorited and rated, what customers who bought the same also bought, and what sells in your categories and brands; best sellers for a new account. Never a product you bought in the last 90 days, favorited or reviewed, nor one that is not on sale or in stock. 503 when the products service cannot be reached.
     */
    get: operations['listRecommendations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details */
    Problem: {
      type: string;
      title: string;
      status: number;
      code: string;
      detail?: string;
      instance?: string;
      errors?: {
        field: string;
        message: string;
      }[];
      requestId?: string;
    } & {
      [key: string]: unknown;
    };
    /** CategoryNode */
    'def-0': {
      /** Format: uuid */
      id: string;
      name: string;
      slug: string;
      parentId: string | null;
      children: components['schemas']['def-0'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getSigningKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            keys: {
              kty: string;
              crv: string;
              x: string;
              kid: string;
              alg: string;
              use: string;
            }[];
          };
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDeadLetters: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              service: 'users' | 'products' | 'orders';
              id: string;
              subscription: string;
              /** Format: date-time */
              failedAt: string;
              error: string | null;
              event: {
                id: string;
                type: string;
                source: string;
                aggregateId: string;
                occurredAt: string;
                payload: unknown;
              };
            }[];
            unavailable: ('users' | 'products' | 'orders')[];
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  replayDeadLetter: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        service: 'users' | 'products' | 'orders';
        subscription: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            replayed: true;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      504: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            message: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  signIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            refreshToken: string;
            /** @enum {string} */
            tokenType: 'Bearer';
            /** @description Seconds until the access token expires */
            expiresIn: number;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          refreshToken: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  refreshSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          refreshToken: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            refreshToken: string;
            /** @enum {string} */
            tokenType: 'Bearer';
            /** @description Seconds until the access token expires */
            expiresIn: number;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /** @description At least 12 characters and not a common or easily guessed password (NIST 800-63B) */
          password: string;
          /** @description Display name, shown e.g. as review author */
          name: string;
        };
      };
    };
    responses: {
      /** @description The same whether or not the address already had an account; GET /api/v1/users/me after signing in tells the new account */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'pending_verification';
            /** @description The address as normalised (trimmed, NFKC, lower case) */
            email: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  resetPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          token: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestUnlock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          email: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            message: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  confirmUnlock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          token: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyEmail: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          token: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  resendEmailVerification: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            message: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getCart: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              productId: string;
              name: null | string;
              image: null | string;
              /** @description Today's price; null when the product cannot be bought */
              unitPrice: null | number;
              quantity: number;
              lineTotal: null | number;
              /** @description `unknown` while products cannot be reached (the cart is `stale`) */
              status: 'available' | 'insufficient_stock' | 'unavailable' | 'unknown';
              /** @description Why an `unavailable` line cannot be ordered: remove it to check out */
              unavailableReason: null | ('product_deleted' | 'not_for_sale' | 'unknown_product');
              availableQuantity: null | number;
              /** @description The unit price when the line was added */
              addedUnitPrice: null | number;
              /** @description The price is no longer the one seen when adding the line */
              priceChanged: boolean;
            }[];
            itemCount: number;
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            currency: null | string;
            /** @description Products could not be reached: prices are the last known ones and stock is unknown */
            stale: boolean;
          };
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  clearCart: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  setCartItemQuantity: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        productId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description 0 removes the line; at most 99 */
          quantity: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              productId: string;
              name: null | string;
              image: null | string;
              /** @description Today's price; null when the product cannot be bought */
              unitPrice: null | number;
              quantity: number;
              lineTotal: null | number;
              /** @description `unknown` while products cannot be reached (the cart is `stale`) */
              status: 'available' | 'insufficient_stock' | 'unavailable' | 'unknown';
              /** @description Why an `unavailable` line cannot be ordered: remove it to check out */
              unavailableReason: null | ('product_deleted' | 'not_for_sale' | 'unknown_product');
              availableQuantity: null | number;
              /** @description The unit price when the line was added */
              addedUnitPrice: null | number;
              /** @description The price is no longer the one seen when adding the line */
              priceChanged: boolean;
            }[];
            itemCount: number;
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            currency: null | string;
            /** @description Products could not be reached: prices are the last known ones and stock is unknown */
            stale: boolean;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeCartItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        productId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listCategories: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['def-0'][];
          };
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createCategory: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          slug?: string;
          parentId?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            parentId: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteCategory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateCategory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          slug?: string;
          parentId?: string | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            parentId: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listOrders: {
    parameters: {
      query?: {
        status?:
          | 'pending'
          | 'awaiting_payment'
          | 'paid'
          | 'shipped'
          | 'delivered'
          | 'rejected'
          | 'payment_failed'
          | 'cancelled'
          | 'refunded';
        /** @description Staff only */
        userId?: string;
        /** @description Created at or after */
        from?: string;
        /** @description Created before */
        to?: string;
        /** @description Page size, at most 100 */
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              userId: string;
              status:
                | 'pending'
                | 'awaiting_payment'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'rejected'
                | 'payment_failed'
                | 'cancelled'
                | 'refunded';
              /**
               * @description ISO 4217 currency code
               * @example EUR
               */
              currency: string;
              /** @description Amount in minor units (e.g. cents) */
              subtotal: number;
              /** @description Amount in minor units (e.g. cents) */
              shipping: number;
              /** @description Amount in minor units (e.g. cents) */
              total: number;
              itemCount: number;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  placeOrder: {
    parameters: {
      query?: never;
      header: {
        /** @description Unique per checkout attempt; retries reuse it (Stripe semantics) */
        'idempotency-key': string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description Exactly one of addressId and shippingAddress */
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          addressId?: string;
          shippingAddress?: {
            name: string;
            line1: string;
            line2?: null | string;
            city: string;
            postalCode: string;
            region?: null | string;
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            phone?: null | string;
          };
          /** @description A Stripe PaymentMethod id, e.g. pm_card_visa */
          paymentMethod: string;
          /** @description Order these instead of the cart (items naming the same product become one line) */
          items?: {
            /** Format: uuid */
            productId: string;
            /** @description At most 99, also once the items naming the same product are added up */
            quantity: number;
          }[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            userId: string;
            status:
              | 'pending'
              | 'awaiting_payment'
              | 'paid'
              | 'shipped'
              | 'delivered'
              | 'rejected'
              | 'payment_failed'
              | 'cancelled'
              | 'refunded';
            lines: {
              /** Format: uuid */
              productId: string;
              name: string;
              /** @description Amount in minor units (e.g. cents) */
              unitPrice: number;
              quantity: number;
              /** @description Amount in minor units (e.g. cents) */
              lineTotal: number;
            }[];
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            /** @description Amount in minor units (e.g. cents) */
            shipping: number;
            /** @description Amount in minor units (e.g. cents) */
            total: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** @description Null once the order is anonymised */
            shippingAddress: null | {
              name: string;
              line1: string;
              line2: null | string;
              city: string;
              postalCode: string;
              region: null | string;
              /** @description ISO 3166-1 alpha-2 */
              country: string;
              phone: null | string;
            };
            payment: {
              status: string;
              method: string;
              nextAction?: {
                type: string;
                redirectUrl: null | string;
                clientSecret: null | string;
              };
              failureReason?: string;
            };
            tracking?: {
              carrier: string;
              trackingNumber: string;
            };
            timeline: {
              id: number;
              status:
                | 'pending'
                | 'awaiting_payment'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'rejected'
                | 'payment_failed'
                | 'cancelled'
                | 'refunded';
              /** Format: date-time */
              at: string;
              reason: null | string;
              tracking?: {
                carrier: string;
                trackingNumber: string;
              };
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: date-time
             * @description Unpaid orders cancel then
             */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description When the personal data left (the account was deleted)
             */
            anonymisedAt?: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            userId: string;
            status:
              | 'pending'
              | 'awaiting_payment'
              | 'paid'
              | 'shipped'
              | 'delivered'
              | 'rejected'
              | 'payment_failed'
              | 'cancelled'
              | 'refunded';
            lines: {
              /** Format: uuid */
              productId: string;
              name: string;
              /** @description Amount in minor units (e.g. cents) */
              unitPrice: number;
              quantity: number;
              /** @description Amount in minor units (e.g. cents) */
              lineTotal: number;
            }[];
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            /** @description Amount in minor units (e.g. cents) */
            shipping: number;
            /** @description Amount in minor units (e.g. cents) */
            total: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** @description Null once the order is anonymised */
            shippingAddress: null | {
              name: string;
              line1: string;
              line2: null | string;
              city: string;
              postalCode: string;
              region: null | string;
              /** @description ISO 3166-1 alpha-2 */
              country: string;
              phone: null | string;
            };
            payment: {
              status: string;
              method: string;
              nextAction?: {
                type: string;
                redirectUrl: null | string;
                clientSecret: null | string;
              };
              failureReason?: string;
            };
            tracking?: {
              carrier: string;
              trackingNumber: string;
            };
            timeline: {
              id: number;
              status:
                | 'pending'
                | 'awaiting_payment'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'rejected'
                | 'payment_failed'
                | 'cancelled'
                | 'refunded';
              /** Format: date-time */
              at: string;
              reason: null | string;
              tracking?: {
                carrier: string;
                trackingNumber: string;
              };
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: date-time
             * @description Unpaid orders cancel then
             */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description When the personal data left (the account was deleted)
             */
            anonymisedAt?: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            userId: string;
            status:
              | 'pending'
              | 'awaiting_payment'
              | 'paid'
              | 'shipped'
              | 'delivered'
              | 'rejected'
              | 'payment_failed'
              | 'cancelled'
              | 'refunded';
            lines: {
              /** Format: uuid */
              productId: string;
              name: string;
              /** @description Amount in minor units (e.g. cents) */
              unitPrice: number;
              quantity: number;
              /** @description Amount in minor units (e.g. cents) */
              lineTotal: number;
            }[];
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            /** @description Amount in minor units (e.g. cents) */
            shipping: number;
            /** @description Amount in minor units (e.g. cents) */
            total: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** @description Null once the order is anonymised */
            shippingAddress: null | {
              name: string;
              line1: string;
              line2: null | string;
              city: string;
              postalCode: string;
              region: null | string;
              /** @description ISO 3166-1 alpha-2 */
              country: string;
              phone: null | string;
            };
            payment: {
              status: string;
              method: string;
              nextAction?: {
                type: string;
                redirectUrl: null | string;
                clientSecret: null | string;
              };
              failureReason?: string;
            };
            tracking?: {
              carrier: string;
              trackingNumber: string;
            };
            timeline: {
              id: number;
              status:
                | 'pending'
                | 'awaiting_payment'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'rejected'
                | 'payment_failed'
                | 'cancelled'
                | 'refunded';
              /** Format: date-time */
              at: string;
              reason: null | string;
              tracking?: {
                carrier: string;
                trackingNumber: string;
              };
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: date-time
             * @description Unpaid orders cancel then
             */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description When the personal data left (the account was deleted)
             */
            anonymisedAt?: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deliverOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            userId: string;
            status:
              | 'pending'
              | 'awaiting_payment'
              | 'paid'
              | 'shipped'
              | 'delivered'
              | 'rejected'
              | 'payment_failed'
              | 'cancelled'
              | 'refunded';
            lines: {
              /** Format: uuid */
              productId: string;
              name: string;
              /** @description Amount in minor units (e.g. cents) */
              unitPrice: number;
              quantity: number;
              /** @description Amount in minor units (e.g. cents) */
              lineTotal: number;
            }[];
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            /** @description Amount in minor units (e.g. cents) */
            shipping: number;
            /** @description Amount in minor units (e.g. cents) */
            total: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** @description Null once the order is anonymised */
            shippingAddress: null | {
              name: string;
              line1: string;
              line2: null | string;
              city: string;
              postalCode: string;
              region: null | string;
              /** @description ISO 3166-1 alpha-2 */
              country: string;
              phone: null | string;
            };
            payment: {
              status: string;
              method: string;
              nextAction?: {
                type: string;
                redirectUrl: null | string;
                clientSecret: null | string;
              };
              failureReason?: string;
            };
            tracking?: {
              carrier: string;
              trackingNumber: string;
            };
            timeline: {
              id: number;
              status:
                | 'pending'
                | 'awaiting_payment'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'rejected'
                | 'payment_failed'
                | 'cancelled'
                | 'refunded';
              /** Format: date-time */
              at: string;
              reason: null | string;
              tracking?: {
                carrier: string;
                trackingNumber: string;
              };
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: date-time
             * @description Unpaid orders cancel then
             */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description When the personal data left (the account was deleted)
             */
            anonymisedAt?: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  streamOrderEvents: {
    parameters: {
      query?: never;
      header?: {
        /** @description The id of the last event received (at most 15 digits) */
        'last-event-id'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A stream of `event: status` messages */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reorderOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            cart: {
              items: {
                /** Format: uuid */
                productId: string;
                name: null | string;
                image: null | string;
                /** @description Today's price; null when the product cannot be bought */
                unitPrice: null | number;
                quantity: number;
                lineTotal: null | number;
                /** @description `unknown` while products cannot be reached (the cart is `stale`) */
                status: 'available' | 'insufficient_stock' | 'unavailable' | 'unknown';
                /** @description Why an `unavailable` line cannot be ordered: remove it to check out */
                unavailableReason: null | ('product_deleted' | 'not_for_sale' | 'unknown_product');
                availableQuantity: null | number;
                /** @description The unit price when the line was added */
                addedUnitPrice: null | number;
                /** @description The price is no longer the one seen when adding the line */
                priceChanged: boolean;
              }[];
              itemCount: number;
              /** @description Amount in minor units (e.g. cents) */
              subtotal: number;
              currency: null | string;
              /** @description Products could not be reached: prices are the last known ones and stock is unknown */
              stale: boolean;
            };
            /** @description Units put in the cart, per product */
            added: {
              productId: string;
              quantity: number;
            }[];
            /** @description Products of which fewer units went in than were ordered: a line holds at most 99 */
            limited: {
              productId: string;
              name: string;
              ordered: number;
              added: number;
              limit: number;
            }[];
            unavailable: {
              productId: string;
              name: string;
              reason: 'not_sold' | 'out_of_stock';
            }[];
            priceChanges: {
              productId: string;
              name: string;
              /** @description Amount in minor units (e.g. cents) */
              oldUnitPrice: number;
              /** @description Amount in minor units (e.g. cents) */
              newUnitPrice: number;
            }[];
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  shipOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          carrier: string;
          trackingNumber: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            userId: string;
            status:
              | 'pending'
              | 'awaiting_payment'
              | 'paid'
              | 'shipped'
              | 'delivered'
              | 'rejected'
              | 'payment_failed'
              | 'cancelled'
              | 'refunded';
            lines: {
              /** Format: uuid */
              productId: string;
              name: string;
              /** @description Amount in minor units (e.g. cents) */
              unitPrice: number;
              quantity: number;
              /** @description Amount in minor units (e.g. cents) */
              lineTotal: number;
            }[];
            /** @description Amount in minor units (e.g. cents) */
            subtotal: number;
            /** @description Amount in minor units (e.g. cents) */
            shipping: number;
            /** @description Amount in minor units (e.g. cents) */
            total: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** @description Null once the order is anonymised */
            shippingAddress: null | {
              name: string;
              line1: string;
              line2: null | string;
              city: string;
              postalCode: string;
              region: null | string;
              /** @description ISO 3166-1 alpha-2 */
              country: string;
              phone: null | string;
            };
            payment: {
              status: string;
              method: string;
              nextAction?: {
                type: string;
                redirectUrl: null | string;
                clientSecret: null | string;
              };
              failureReason?: string;
            };
            tracking?: {
              carrier: string;
              trackingNumber: string;
            };
            timeline: {
              id: number;
              status:
                | 'pending'
                | 'awaiting_payment'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'rejected'
                | 'payment_failed'
                | 'cancelled'
                | 'refunded';
              /** Format: date-time */
              at: string;
              reason: null | string;
              tracking?: {
                carrier: string;
                trackingNumber: string;
              };
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: date-time
             * @description Unpaid orders cancel then
             */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description When the personal data left (the account was deleted)
             */
            anonymisedAt?: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  receiveStripeWebhook: {
    parameters: {
      query?: never;
      header: {
        'stripe-signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            received: boolean;
            outcome: 'applied' | 'ignored' | 'duplicate';
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProducts: {
    parameters: {
      query?: {
        /** @description Words to search for; typos are corrected */
        q?: string;
        /** @description Category slug or id; includes its subcategories */
        category?: string[];
        /** @description Brand name (case-insensitive) */
        brand?: string[];
        /** @description Minor units, inclusive; at most 1000000000 */
        minPrice?: number;
        /** @description Minor units, inclusive; at most 1000000000 */
        maxPrice?: number;
        /** @description Whole stars: 4 means 4 and up */
        minRating?: number;
        /** @description true: only products available now */
        inStock?: boolean;
        /** @description Admins only; default active */
        status?: ('draft' | 'active' | 'archived')[];
        /** @description Default: relevance with q, newest without */
        sort?: 'relevance' | 'price_asc' | 'price_desc' | 'rating' | 'newest';
        /** @description Page size, at most 100 */
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              sku: string;
              slug: string;
              name: string;
              description: string;
              /** @description Amount in minor units (e.g. cents) */
              price: number;
              /**
               * @description ISO 4217 currency code
               * @example EUR
               */
              currency: string;
              /** Format: uuid */
              categoryId: string;
              brand: string;
              /** @description Free-form: colour, size, … */
              attributes: {
                [key: string]: string | number | boolean;
              };
              images: string[];
              status: 'draft' | 'active' | 'archived';
              /** @description Units that can be ordered now */
              available: number;
              inStock: boolean;
              rating: {
                average: number;
                count: number;
                histogram: {
                  1: number;
                  2: number;
                  3: number;
                  4: number;
                  5: number;
                };
              };
              version: number;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
            total: number;
            /** @description The words searched for after typo correction */
            correctedQuery?: string;
            facets: {
              categories: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
                count: number;
              }[];
              brands: {
                value: string;
                count: number;
              }[];
              priceBands: {
                /** @description Inclusive, minor units */
                min: number;
                max: number | null;
                count: number;
              }[];
              ratings: {
                minRating: number;
                count: number;
              }[];
            };
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProduct: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sku: string;
          name: string;
          description: string;
          /** @description Amount in minor units (e.g. cents), at most 1000000000 */
          price: number;
          /**
           * @description ISO 4217 currency code
           * @example EUR
           */
          currency: string;
          /** Format: uuid */
          categoryId: string;
          brand: string;
          slug?: string;
          /** @description Free-form: colour, size, … */
          attributes?: {
            [key: string]: string | number | boolean;
          };
          images?: string[];
          status?: 'draft' | 'active' | 'archived';
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            sku: string;
            slug: string;
            name: string;
            description: string;
            /** @description Amount in minor units (e.g. cents) */
            price: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** Format: uuid */
            categoryId: string;
            brand: string;
            /** @description Free-form: colour, size, … */
            attributes: {
              [key: string]: string | number | boolean;
            };
            images: string[];
            status: 'draft' | 'active' | 'archived';
            /** @description Units that can be ordered now */
            available: number;
            inStock: boolean;
            rating: {
              average: number;
              count: number;
              histogram: {
                1: number;
                2: number;
                3: number;
                4: number;
                5: number;
              };
            };
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProduct: {
    parameters: {
      query?: never;
      header?: {
        'if-none-match'?: string;
      };
      path: {
        /** @description Product id or slug */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            sku: string;
            slug: string;
            name: string;
            description: string;
            /** @description Amount in minor units (e.g. cents) */
            price: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** Format: uuid */
            categoryId: string;
            brand: string;
            /** @description Free-form: colour, size, … */
            attributes: {
              [key: string]: string | number | boolean;
            };
            images: string[];
            status: 'draft' | 'active' | 'archived';
            /** @description Units that can be ordered now */
            available: number;
            inStock: boolean;
            rating: {
              average: number;
              count: number;
              histogram: {
                1: number;
                2: number;
                3: number;
                4: number;
                5: number;
              };
            };
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Not modified */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  archiveProduct: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag you last read (required to edit) */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateProduct: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag you last read (required to edit) */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          sku?: string;
          slug?: string;
          name?: string;
          description?: string;
          /** @description Amount in minor units (e.g. cents), at most 1000000000 */
          price?: number;
          /**
           * @description ISO 4217 currency code
           * @example EUR
           */
          currency?: string;
          /** Format: uuid */
          categoryId?: string;
          brand?: string;
          /** @description Free-form: colour, size, … */
          attributes?: {
            [key: string]: string | number | boolean;
          };
          images?: string[];
          status?: 'draft' | 'active' | 'archived';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            sku: string;
            slug: string;
            name: string;
            description: string;
            /** @description Amount in minor units (e.g. cents) */
            price: number;
            /**
             * @description ISO 4217 currency code
             * @example EUR
             */
            currency: string;
            /** Format: uuid */
            categoryId: string;
            brand: string;
            /** @description Free-form: colour, size, … */
            attributes: {
              [key: string]: string | number | boolean;
            };
            images: string[];
            status: 'draft' | 'active' | 'archived';
            /** @description Units that can be ordered now */
            available: number;
            inStock: boolean;
            rating: {
              average: number;
              count: number;
              histogram: {
                1: number;
                2: number;
                3: number;
                4: number;
                5: number;
              };
            };
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProductInventory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            productId: string;
            onHand: number;
            reserved: number;
            available: number;
            version: number;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  adjustProductInventory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description Exactly one of onHand and delta */
    requestBody: {
      content: {
        'application/json': {
          /** @description The new count, at most 1000000000 */
          onHand?: number;
          /** @description Units in (+) or out (-); on hand stays at most 1000000000 */
          delta?: number;
          /** @description Kept in the audit trail */
          note?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            productId: string;
            onHand: number;
            reserved: number;
            available: number;
            version: number;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRelatedProducts: {
    parameters: {
      query?: {
        /** @description Page size, at most 20 */
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              sku: string;
              slug: string;
              name: string;
              description: string;
              /** @description Amount in minor units (e.g. cents) */
              price: number;
              /**
               * @description ISO 4217 currency code
               * @example EUR
               */
              currency: string;
              /** Format: uuid */
              categoryId: string;
              brand: string;
              /** @description Free-form: colour, size, … */
              attributes: {
                [key: string]: string | number | boolean;
              };
              images: string[];
              status: 'draft' | 'active' | 'archived';
              /** @description Units that can be ordered now */
              available: number;
              inStock: boolean;
              rating: {
                average: number;
                count: number;
                histogram: {
                  1: number;
                  2: number;
                  3: number;
                  4: number;
                  5: number;
                };
              };
              version: number;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProductReviews: {
    parameters: {
      query?: {
        sort?: 'newest' | 'highest' | 'lowest' | 'helpful';
        /** @description Page size, at most 50 */
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              productId: string;
              /** @description The author's display name */
              authorName: string;
              /** @description Whether the signed-in caller wrote it (false when anonymous) */
              mine: boolean;
              rating: number;
              title: string;
              body: string;
              verifiedPurchase: boolean;
              helpfulCount: number;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  writeProductReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          rating: number;
          title: string;
          body: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            productId: string;
            /** @description The author's display name */
            authorName: string;
            /** @description Whether the signed-in caller wrote it (false when anonymous) */
            mine: boolean;
            rating: number;
            title: string;
            body: string;
            verifiedPurchase: boolean;
            helpfulCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  suggestProducts: {
    parameters: {
      query: {
        q: string;
        /** @description Page size, at most 20 */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
              brand: string;
            }[];
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  editReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          rating?: number;
          title?: string;
          body?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            productId: string;
            /** @description The author's display name */
            authorName: string;
            /** @description Whether the signed-in caller wrote it (false when anonymous) */
            mine: boolean;
            rating: number;
            title: string;
            body: string;
            verifiedPurchase: boolean;
            helpfulCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  markReviewHelpful: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            reviewId: string;
            helpfulCount: number;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listUsers: {
    parameters: {
      query?: {
        /** @description Text in the email or name */
        q?: string;
        role?: 'customer' | 'admin' | 'support';
        status?: 'active' | 'disabled' | 'deleted';
        /** @description Page size, at most 100 */
        limit?: number;
        /** @description The nextCursor of the previous page, unchanged */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /**
               * Format: uuid
               * @description UUID
               */
              id: string;
              email: string;
              name: string;
              emailVerified: boolean;
              roles: ('customer' | 'admin' | 'support')[];
              status: 'active' | 'disabled' | 'deleted';
              avatarUrl: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            email: string;
            name: string;
            emailVerified: boolean;
            roles: ('customer' | 'admin' | 'support')[];
            status: 'active' | 'disabled' | 'deleted';
            avatarUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateUserAccess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          roles?: ('customer' | 'admin' | 'support')[];
          /** @description A disabled account cannot sign in or refresh */
          disabled?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            email: string;
            name: string;
            emailVerified: boolean;
            roles: ('customer' | 'admin' | 'support')[];
            status: 'active' | 'disabled' | 'deleted';
            avatarUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getUserAvatar: {
    parameters: {
      query?: {
        v?: number;
      };
      header?: never;
      path: {
        /** @description UUID */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description No content */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getMyProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            email: string;
            /** @description A new address waiting to be confirmed through the link mailed to it */
            pendingEmail: string | null;
            emailVerified: boolean;
            name: string;
            roles: ('customer' | 'admin' | 'support')[];
            preferences: {
              /** @description BCP 47, e.g. en or de-CH */
              language?: string;
              /** @description ISO 4217, e.g. EUR */
              currency?: string;
              marketingEmails?: boolean;
            };
            avatarUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteMyAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          password: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateMyProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Only these fields can be changed here; anything else (roles, status, …) is refused with 400. A new email needs currentPassword and takes effect once confirmed. */
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          /** Format: email */
          email?: string;
          currentPassword?: string;
          preferences?: {
            /** @description BCP 47, e.g. en or de-CH */
            language?: string;
            /** @description ISO 4217, e.g. EUR */
            currency?: string;
            marketingEmails?: boolean;
          };
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            email: string;
            /** @description A new address waiting to be confirmed through the link mailed to it */
            pendingEmail: string | null;
            emailVerified: boolean;
            name: string;
            roles: ('customer' | 'admin' | 'support')[];
            preferences: {
              /** @description BCP 47, e.g. en or de-CH */
              language?: string;
              /** @description ISO 4217, e.g. EUR */
              currency?: string;
              marketingEmails?: boolean;
            };
            avatarUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAddresses: {
    parameters: {
      query?: {
        /** @description Page size, at most 100 */
        limit?: number;
        /** @description The nextCursor of the previous page, unchanged */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /**
               * Format: uuid
               * @description UUID
               */
              id: string;
              name: string;
              line1: string;
              line2: string | null;
              city: string;
              region: string | null;
              postalCode: string;
              country: string;
              phone: string | null;
              isDefault: boolean;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addAddress: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Recipient */
          name: string;
          line1: string;
          line2?: string | null;
          city: string;
          region?: string | null;
          postalCode: string;
          /**
           * @description ISO 3166-1 alpha-2, e.g. DE
           * @enum {unknown}
           */
          country:
            | 'AD'
            | 'AE'
            | 'AF'
            | 'AG'
            | 'AI'
            | 'AL'
            | 'AM'
            | 'AO'
            | 'AQ'
            | 'AR'
            | 'AS'
            | 'AT'
            | 'AU'
            | 'AW'
            | 'AX'
            | 'AZ'
            | 'BA'
            | 'BB'
            | 'BD'
            | 'BE'
            | 'BF'
            | 'BG'
            | 'BH'
            | 'BI'
            | 'BJ'
            | 'BL'
            | 'BM'
            | 'BN'
            | 'BO'
            | 'BQ'
            | 'BR'
            | 'BS'
            | 'BT'
            | 'BV'
            | 'BW'
            | 'BY'
            | 'BZ'
            | 'CA'
            | 'CC'
            | 'CD'
            | 'CF'
            | 'CG'
            | 'CH'
            | 'CI'
            | 'CK'
            | 'CL'
            | 'CM'
            | 'CN'
            | 'CO'
            | 'CR'
            | 'CU'
            | 'CV'
            | 'CW'
            | 'CX'
            | 'CY'
            | 'CZ'
            | 'DE'
            | 'DJ'
            | 'DK'
            | 'DM'
            | 'DO'
            | 'DZ'
            | 'EC'
            | 'EE'
            | 'EG'
            | 'EH'
            | 'ER'
            | 'ES'
            | 'ET'
            | 'FI'
            | 'FJ'
            | 'FK'
            | 'FM'
            | 'FO'
            | 'FR'
            | 'GA'
            | 'GB'
            | 'GD'
            | 'GE'
            | 'GF'
            | 'GG'
            | 'GH'
            | 'GI'
            | 'GL'
            | 'GM'
            | 'GN'
            | 'GP'
            | 'GQ'
            | 'GR'
            | 'GS'
            | 'GT'
            | 'GU'
            | 'GW'
            | 'GY'
            | 'HK'
            | 'HM'
            | 'HN'
            | 'HR'
            | 'HT'
            | 'HU'
            | 'ID'
            | 'IE'
            | 'IL'
            | 'IM'
            | 'IN'
            | 'IO'
            | 'IQ'
            | 'IR'
            | 'IS'
            | 'IT'
            | 'JE'
            | 'JM'
            | 'JO'
            | 'JP'
            | 'KE'
            | 'KG'
            | 'KH'
            | 'KI'
            | 'KM'
            | 'KN'
            | 'KP'
            | 'KR'
            | 'KW'
            | 'KY'
            | 'KZ'
            | 'LA'
            | 'LB'
            | 'LC'
            | 'LI'
            | 'LK'
            | 'LR'
            | 'LS'
            | 'LT'
            | 'LU'
            | 'LV'
            | 'LY'
            | 'MA'
            | 'MC'
            | 'MD'
            | 'ME'
            | 'MF'
            | 'MG'
            | 'MH'
            | 'MK'
            | 'ML'
            | 'MM'
            | 'MN'
            | 'MO'
            | 'MP'
            | 'MQ'
            | 'MR'
            | 'MS'
            | 'MT'
            | 'MU'
            | 'MV'
            | 'MW'
            | 'MX'
            | 'MY'
            | 'MZ'
            | 'NA'
            | 'NC'
            | 'NE'
            | 'NF'
            | 'NG'
            | 'NI'
            | 'NL'
            | 'NO'
            | 'NP'
            | 'NR'
            | 'NU'
            | 'NZ'
            | 'OM'
            | 'PA'
            | 'PE'
            | 'PF'
            | 'PG'
            | 'PH'
            | 'PK'
            | 'PL'
            | 'PM'
            | 'PN'
            | 'PR'
            | 'PS'
            | 'PT'
            | 'PW'
            | 'PY'
            | 'QA'
            | 'RE'
            | 'RO'
            | 'RS'
            | 'RU'
            | 'RW'
            | 'SA'
            | 'SB'
            | 'SC'
            | 'SD'
            | 'SE'
            | 'SG'
            | 'SH'
            | 'SI'
            | 'SJ'
            | 'SK'
            | 'SL'
            | 'SM'
            | 'SN'
            | 'SO'
            | 'SR'
            | 'SS'
            | 'ST'
            | 'SV'
            | 'SX'
            | 'SY'
            | 'SZ'
            | 'TC'
            | 'TD'
            | 'TF'
            | 'TG'
            | 'TH'
            | 'TJ'
            | 'TK'
            | 'TL'
            | 'TM'
            | 'TN'
            | 'TO'
            | 'TR'
            | 'TT'
            | 'TV'
            | 'TW'
            | 'TZ'
            | 'UA'
            | 'UG'
            | 'UM'
            | 'US'
            | 'UY'
            | 'UZ'
            | 'VA'
            | 'VC'
            | 'VE'
            | 'VG'
            | 'VI'
            | 'VN'
            | 'VU'
            | 'WF'
            | 'WS'
            | 'YE'
            | 'YT'
            | 'ZA'
            | 'ZM'
            | 'ZW';
          phone?: string | null;
          /** @description The one used at checkout unless told otherwise */
          isDefault?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postalCode: string;
            country: string;
            phone: string | null;
            isDefault: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAddress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postalCode: string;
            country: string;
            phone: string | null;
            isDefault: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteAddress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateAddress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Recipient */
          name?: string;
          line1?: string;
          line2?: string | null;
          city?: string;
          region?: string | null;
          postalCode?: string;
          /**
           * @description ISO 3166-1 alpha-2, e.g. DE
           * @enum {unknown}
           */
          country?:
            | 'AD'
            | 'AE'
            | 'AF'
            | 'AG'
            | 'AI'
            | 'AL'
            | 'AM'
            | 'AO'
            | 'AQ'
            | 'AR'
            | 'AS'
            | 'AT'
            | 'AU'
            | 'AW'
            | 'AX'
            | 'AZ'
            | 'BA'
            | 'BB'
            | 'BD'
            | 'BE'
            | 'BF'
            | 'BG'
            | 'BH'
            | 'BI'
            | 'BJ'
            | 'BL'
            | 'BM'
            | 'BN'
            | 'BO'
            | 'BQ'
            | 'BR'
            | 'BS'
            | 'BT'
            | 'BV'
            | 'BW'
            | 'BY'
            | 'BZ'
            | 'CA'
            | 'CC'
            | 'CD'
            | 'CF'
            | 'CG'
            | 'CH'
            | 'CI'
            | 'CK'
            | 'CL'
            | 'CM'
            | 'CN'
            | 'CO'
            | 'CR'
            | 'CU'
            | 'CV'
            | 'CW'
            | 'CX'
            | 'CY'
            | 'CZ'
            | 'DE'
            | 'DJ'
            | 'DK'
            | 'DM'
            | 'DO'
            | 'DZ'
            | 'EC'
            | 'EE'
            | 'EG'
            | 'EH'
            | 'ER'
            | 'ES'
            | 'ET'
            | 'FI'
            | 'FJ'
            | 'FK'
            | 'FM'
            | 'FO'
            | 'FR'
            | 'GA'
            | 'GB'
            | 'GD'
            | 'GE'
            | 'GF'
            | 'GG'
            | 'GH'
            | 'GI'
            | 'GL'
            | 'GM'
            | 'GN'
            | 'GP'
            | 'GQ'
            | 'GR'
            | 'GS'
            | 'GT'
            | 'GU'
            | 'GW'
            | 'GY'
            | 'HK'
            | 'HM'
            | 'HN'
            | 'HR'
            | 'HT'
            | 'HU'
            | 'ID'
            | 'IE'
            | 'IL'
            | 'IM'
            | 'IN'
            | 'IO'
            | 'IQ'
            | 'IR'
            | 'IS'
            | 'IT'
            | 'JE'
            | 'JM'
            | 'JO'
            | 'JP'
            | 'KE'
            | 'KG'
            | 'KH'
            | 'KI'
            | 'KM'
            | 'KN'
            | 'KP'
            | 'KR'
            | 'KW'
            | 'KY'
            | 'KZ'
            | 'LA'
            | 'LB'
            | 'LC'
            | 'LI'
            | 'LK'
            | 'LR'
            | 'LS'
            | 'LT'
            | 'LU'
            | 'LV'
            | 'LY'
            | 'MA'
            | 'MC'
            | 'MD'
            | 'ME'
            | 'MF'
            | 'MG'
            | 'MH'
            | 'MK'
            | 'ML'
            | 'MM'
            | 'MN'
            | 'MO'
            | 'MP'
            | 'MQ'
            | 'MR'
            | 'MS'
            | 'MT'
            | 'MU'
            | 'MV'
            | 'MW'
            | 'MX'
            | 'MY'
            | 'MZ'
            | 'NA'
            | 'NC'
            | 'NE'
            | 'NF'
            | 'NG'
            | 'NI'
            | 'NL'
            | 'NO'
            | 'NP'
            | 'NR'
            | 'NU'
            | 'NZ'
            | 'OM'
            | 'PA'
            | 'PE'
            | 'PF'
            | 'PG'
            | 'PH'
            | 'PK'
            | 'PL'
            | 'PM'
            | 'PN'
            | 'PR'
            | 'PS'
            | 'PT'
            | 'PW'
            | 'PY'
            | 'QA'
            | 'RE'
            | 'RO'
            | 'RS'
            | 'RU'
            | 'RW'
            | 'SA'
            | 'SB'
            | 'SC'
            | 'SD'
            | 'SE'
            | 'SG'
            | 'SH'
            | 'SI'
            | 'SJ'
            | 'SK'
            | 'SL'
            | 'SM'
            | 'SN'
            | 'SO'
            | 'SR'
            | 'SS'
            | 'ST'
            | 'SV'
            | 'SX'
            | 'SY'
            | 'SZ'
            | 'TC'
            | 'TD'
            | 'TF'
            | 'TG'
            | 'TH'
            | 'TJ'
            | 'TK'
            | 'TL'
            | 'TM'
            | 'TN'
            | 'TO'
            | 'TR'
            | 'TT'
            | 'TV'
            | 'TW'
            | 'TZ'
            | 'UA'
            | 'UG'
            | 'UM'
            | 'US'
            | 'UY'
            | 'UZ'
            | 'VA'
            | 'VC'
            | 'VE'
            | 'VG'
            | 'VI'
            | 'VN'
            | 'VU'
            | 'WF'
            | 'WS'
            | 'YE'
            | 'YT'
            | 'ZA'
            | 'ZM'
            | 'ZW';
          phone?: string | null;
          /** @description The one used at checkout unless told otherwise */
          isDefault?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @description UUID
             */
            id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postalCode: string;
            country: string;
            phone: string | null;
            isDefault: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadMyAvatar: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            avatarUrl: string;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeMyAvatar: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listFavorites: {
    parameters: {
      query?: {
        /** @description Page size, at most 100 */
        limit?: number;
        /** @description The nextCursor of the previous page, unchanged */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /**
               * Format: uuid
               * @description UUID
               */
              productId: string;
              /** Format: date-time */
              addedAt: string;
              /** @description null: no longer sold; absent: the products service could not be asked */
              product?: {
                /**
                 * Format: uuid
                 * @description UUID
                 */
                id: string;
                sku: string;
                slug: string;
                name: string;
                /** @description Minor units */
                price: number;
                currency: string;
                status: string;
                image: string | null;
                available: boolean;
              } | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addFavorite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        productId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeFavorite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description UUID */
        productId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  changeMyPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          currentPassword: string;
          newPassword: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRecommendations: {
    parameters: {
      query?: {
        /** @description How many products, at most */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /**
               * Format: uuid
               * @description UUID
               */
              id: string;
              name: string;
              /** @description Minor units of currency */
              price: number;
              currency: string;
              image: string | null;
              rating: {
                average: number;
                count: number;
              };
              inStock: boolean;
              /** @description Why it is proposed, e.g. "Because you bought Kettle" */
              reason: string;
            }[];
          };
        };
      };
      /** @description RFC 9457 problem details */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too Many Requests */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RFC 9457 problem details */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
