import { createHash } from 'node:crypto';
import { consoleConfigFrom } from '../../../web/console/server/config';
import { renderPage } from '../../../web/console/server/serve-console';

const PAGE = '<html><head><!--CONFIG--></head><body><script>start()</script></body></html>';
const onAws = {
  AWS_REGION: 'eu-west-1',
  USER_POOL_CLIENT_ID: 'client-1',
  WS_API_ID: 'ws1',
  WS_STAGE: 'live',
  WS_URL: 'wss://ws1.execute-api.eu-west-1.amazonaws.com/live',
  FEATURE_EVENTS: 'true',
};

describe('the console page and its configuration', () => {
  test('on AWS the page may call its own origin and the socket only: it signs in through the API, never Cognito', () => {
    const config = consoleConfigFrom(onAws);

    expect(config).toMatchObject({
      cognitoEndpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      apiUrl: null,
      features: { events: true, quests: false },
      connectSources: ['wss://ws1.execute-api.eu-west-1.amazonaws.com'],
    });
  });

  test('on an emulator Cognito answers on the page’s own origin', () => {
    const config = consoleConfigFrom({ ...onAws, AWS_ENDPOINT_URL: 'http://localhost:4566' });

    expect(config.cognitoEndpoint).toBeNull();
  });

  test('without a WebSocket API the page is told to poll and to hide the events', () => {
    const config = consoleConfigFrom({ USER_POOL_CLIENT_ID: 'client-1', FEATURE_EVENTS: 'false' });

    expect({ webSocket: config.webSocket, events: config.features.events }).toEqual({
      webSocket: null,
      events: false,
    });
  });

  test('the configuration goes into the page as JSON that cannot close its script element', () => {
    const config = { ...consoleConfigFrom(onAws), userPoolClientId: '</script><script>alert(1)' };

    const { body } = renderPage(PAGE, config);

    expect(body).not.toContain('</script><script>alert(1)');
    const json = /<script id="console-config" type="application\/json">(.*?)<\/script>/.exec(body)![1]!;
    expect(JSON.parse(json).userPoolClientId).toBe('</script><script>alert(1)');
  });

  test('the content security policy lets exactly the page’s own inline script run', () => {
    const { headers } = renderPage(PAGE, consoleConfigFrom(onAws));

    const hash = createHash('sha256').update('start()').digest('base64');
    expect(headers['content-security-policy']).toContain(`script-src 'sha256-${hash}';`);
    expect(headers['content-security-policy']).toContain("default-src 'none'");
  });
});
