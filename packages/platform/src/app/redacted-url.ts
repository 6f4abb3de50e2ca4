/**
 * A URL as the request line logs it: the path, and the query's names without their values. Links
 * and redirects carry secrets in queries (a 3-D Secure return's `payment_intent_client_secret`, an
 * old mail's `?token=`), and request lines are read by more people than the data is.
 */
export function redactedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const names = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      // A bare value (`?abc123`) may be the secret itself.
      return equals === -1 ? '*' : `${pair.slice(0, equals)}=*`;
    });
  return `${url.slice(0, query)}?${names.join('&')}`;
}
