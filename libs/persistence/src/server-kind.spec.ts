import { kindFromBuildInfo } from './server-kind';

describe('kindFromBuildInfo', () => {
  it('knows FerretDB by the version it adds to buildInfo', () => {
    expect(kindFromBuildInfo({ version: '7.0.42', ferretdbVersion: 'v1.24.2', ok: 1 })).toBe(
      'ferretdb',
    );
  });

  it('takes any other server for MongoDB', () => {
    expect(kindFromBuildInfo({ version: '7.0.14', gitVersion: 'ce59cfc', ok: 1 })).toBe('mongodb');
    expect(kindFromBuildInfo({ version: '3.6.0', ok: 1 })).toBe('mongodb');
  });
});
