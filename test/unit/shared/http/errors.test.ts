import { AppError, ERRORS } from '../../../../shared/errors';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  UnauthorizedError,
} from '../../../../shared/http/errors';

describe('the HTTP errors', () => {
  test.each([
    ['BadRequestError', new BadRequestError('VALIDATION_FAILED', 'bad'), 400, 'VALIDATION_FAILED'],
    ['UnauthorizedError', new UnauthorizedError(), 401, 'UNAUTHORIZED'],
    ['ForbiddenError', new ForbiddenError(), 403, 'FORBIDDEN'],
    ['NotFoundError', new NotFoundError('ORDER_NOT_FOUND', 'no order'), 404, 'ORDER_NOT_FOUND'],
    ['ConflictError', new ConflictError('ALREADY_COMPLETED', 'done'), 409, 'ALREADY_COMPLETED'],
  ])('%s carries its status code and code', (_name, error, statusCode, code) => {
    expect({ statusCode: error.statusCode, code: error.code }).toEqual({ statusCode, code });
  });

  test('are all HttpErrors and Errors, so one handler maps them all', () => {
    const errors = [
      new BadRequestError('VALIDATION_FAILED'),
      new UnauthorizedError(),
      new ForbiddenError(),
      new NotFoundError('UNKNOWN_TEMPLATE'),
      new ConflictError('ALREADY_COMPLETED'),
    ];

    expect(errors.every((e) => e instanceof HttpError && e instanceof AppError && e instanceof Error)).toBe(
      true,
    );
  });

  test('give a default human message when a 401 says nothing else', () => {
    expect(new UnauthorizedError().toBody()).toEqual({
      code: 'UNAUTHORIZED',
      message: 'A valid token is required.',
    });
  });

  test('give a default human message when a 403 says nothing else', () => {
    expect(new ForbiddenError().toBody()).toEqual({
      code: 'FORBIDDEN',
      message: 'You are not allowed to do this.',
    });
  });

  test('put the details in the body when there are some', () => {
    const error = new ConflictError('ALREADY_COMPLETED', 'Already done today.', {
      templateId: 'drink_water',
    });

    expect(error.toBody()).toEqual({
      code: 'ALREADY_COMPLETED',
      message: 'Already done today.',
      details: { templateId: 'drink_water' },
    });
  });

  test('leave details out of the body when there are none', () => {
    const body = new NotFoundError('ORDER_NOT_FOUND', 'No such order.').toBody();

    expect(Object.keys(body)).toEqual(['code', 'message']);
  });

  test('keep the message as the Error message, for logs', () => {
    expect(new BadRequestError('VALIDATION_FAILED', 'Some fields are wrong.').message).toBe(
      'Some fields are wrong.',
    );
  });

  test('take the message and status of the one list when the thrower gives none', () => {
    const error = HttpError.of('PAYMENT_UNAVAILABLE', { orderId: 'ord_1' });

    expect({ statusCode: error.statusCode, body: error.toBody() }).toEqual({
      statusCode: 503,
      body: {
        code: 'PAYMENT_UNAVAILABLE',
        message: ERRORS.PAYMENT_UNAVAILABLE.message,
        details: { orderId: 'ord_1' },
      },
    });
  });
});
