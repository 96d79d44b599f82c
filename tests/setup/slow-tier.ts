// Integration and end-to-end tests start processes and wait on real servers.
jest.setTimeout(90_000);
