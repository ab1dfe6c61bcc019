import { lowerCasedHeaders } from '../../../../shared/http/request-headers';

describe('the headers an API route sees', () => {
  test('are keyed by lower-cased name, whatever case the caller sent', () => {
    expect(lowerCasedHeaders({ 'Idempotency-Key': 'k-1', 'x-correlation-id': 'c-1' })).toEqual({
      'idempotency-key': 'k-1',
      'x-correlation-id': 'c-1',
    });
  });

  test('are empty when the request has none', () => {
    expect(lowerCasedHeaders(undefined)).toEqual({});
  });
});
