import * as net from 'node:net';
import {
  atLeast,
  curlCheck,
  enginesMinMajor,
  functionsNodeCheck,
  hostNodeCheck,
  parseVersion,
  pipCheck,
  portCheck,
  portTaken,
  pythonCheck,
  report,
  venvCheck,
} from '../../../scripts/doctor/doctor';

describe('the preflight (npm run doctor): each failing check names its fix', () => {
  test('versions are read from what the tools print', () => {
    expect(parseVersion('v20.20.2')).toEqual([20, 20, 2]);
    expect(parseVersion('Python 3.11.7\n')).toEqual([3, 11, 7]);
    expect(parseVersion('pip 23.2.1 from /x/site-packages/pip (python 3.11)')).toEqual([23, 2, 1]);
    expect(parseVersion('Python 3.9')).toEqual([3, 9]);
    expect(parseVersion('no version here')).toBeUndefined();
    expect(atLeast([3, 10], [3, 10])).toBe(true);
    expect(atLeast([3, 9, 18], [3, 10])).toBe(false);
    expect(atLeast([4, 0], [3, 10])).toBe(true);
  });

  test('the lowest Node comes from package.json engines', () => {
    expect(enginesMinMajor(JSON.stringify({ engines: { node: '>=22' } }))).toBe(22);
    expect(() => enginesMinMajor(JSON.stringify({ engines: { node: '^22' } }))).toThrow(/>=N/);
  });

  test('an old host Node is a note, not a failure: the scripts run the tooling on the project’s Node', () => {
    const old = hostNodeCheck('v20.20.2', 22, 'v24.22.3');
    expect(old.status).toBe('note');
    expect(old.detail).toContain('v24.22.3');
    expect(hostNodeCheck('v22.12.0', 22, 'v24.22.3').status).toBe('ok');
    expect(hostNodeCheck(undefined, 22, 'v24.22.3').status).toBe('note');
  });

  test('the functions’ Node is the pinned version, or with EMULATOR_NODE at least its major', () => {
    expect(functionsNodeCheck('v24.22.3', '24.22.3', undefined).status).toBe('ok');
    expect(functionsNodeCheck('v24.1.0', '24.22.3', undefined).status).toBe('fail');
    expect(functionsNodeCheck('v24.1.0', '24.22.3', '/opt/node24/bin/node').status).toBe('ok');
    expect(functionsNodeCheck('v20.20.2', '24.22.3', '/usr/bin/node').status).toBe('fail');
  });

  test('Python must be 3.10 or newer, with venv and a pip', () => {
    expect(pythonCheck('Python 3.11.7').status).toBe('ok');
    expect(pythonCheck('Python 3.10.0').status).toBe('ok');
    const old = pythonCheck('Python 3.9.18');
    expect(old).toMatchObject({ status: 'fail', fix: expect.stringContaining('3.10') });
    expect(pythonCheck(undefined)).toMatchObject({ status: 'fail', detail: 'not on PATH' });
    expect(venvCheck(false, false)).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('python3-venv'),
    });
    expect(venvCheck(true, false).status).toBe('ok');
    expect(venvCheck(false, true).status).toBe('ok');
    expect(pipCheck(undefined, false)).toMatchObject({ status: 'fail', fix: expect.stringContaining('pip') });
    expect(pipCheck('pip 23.2.1 from /x (python 3.11)', false).detail).toBe('pip 23.2.1 (.venv)');
    expect(pipCheck(undefined, true).status).toBe('ok');
  });

  test('curl must be on PATH', () => {
    expect(curlCheck(undefined)).toMatchObject({ status: 'fail', fix: expect.stringContaining('curl') });
    expect(curlCheck('curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1\nRelease-Date: ...').detail).toBe(
      'curl 7.88.1',
    );
  });

  test('a port another process listens on fails with its fix; once it is closed the port is free', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const taken = await portTaken(port, '127.0.0.1');
      expect(taken).toBe(true);
      const check = portCheck(port, taken, undefined);
      expect(check).toMatchObject({
        status: 'fail',
        fix: expect.stringContaining(`EMULATOR_PORT=${port + 1}`),
      });
      // Held by this project's own emulator (its pid file names a live process): npm run up runs again.
      expect(portCheck(port, taken, 4242)).toMatchObject({
        status: 'ok',
        detail: expect.stringContaining('4242'),
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await portTaken(port, '127.0.0.1')).toBe(false);
    expect(portCheck(port, false, undefined).status).toBe('ok');
  });

  test('the report prints each failure with its fix on one line and fails when one check fails', () => {
    const failing = report([
      { name: 'curl', status: 'ok', detail: 'curl 8' },
      { name: 'port 4566', status: 'fail', detail: 'in use', fix: 'stop it' },
      { name: 'node (host)', status: 'note', detail: 'old', fix: 'nvm install' },
    ]);
    expect(failing.ok).toBe(false);
    expect(failing.text.split('\n')).toEqual([
      '✓ curl: curl 8',
      '✗ port 4566: in use',
      '    fix: stop it',
      '! node (host): old',
      '    fix: nvm install',
      'doctor: 1 check(s) failed; fix them and run npm run doctor',
    ]);
    expect(report([{ name: 'node (host)', status: 'note', detail: 'old' }]).ok).toBe(true);
  });
});
