import type { AppError, AppErrorClass, FieldProblem } from '@shop/platform';

/**
 * The same error, saying where in the request the problem is. The domain knows what is wrong (the
 * lines over a cap, whose orders were asked for) but not HTTP; the route knows the field.
 */
export function pointedAt(error: AppError, fields: FieldProblem[]): AppError {
  const Same = error.constructor as AppErrorClass;
  return new Same({
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(error.extensions === undefined ? {} : { extensions: error.extensions }),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    fields,
  });
}
