// The fault suite (npm run test:faults) only: its own jest config, so `npm test` never picks it up.
const { projects } = require('../../jest.config.js');
const { displayName: _name, testMatch: _match, ...common } = projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...common,
  displayName: 'faults',
  testMatch: ['<rootDir>/tests/faults/**/*.faults-spec.ts'],
  // A failed run may leave a client retrying against a stopped server; never hang CI on it.
  forceExit: true,
};
