/** Test support for adapters and apps: the port contract suite and the in-memory fake service. */
export { describeServiceContract, FULL_CONTACT } from './service/contract-suite.js';
export type { ContractHarness, ContractOptions, RemoteBook } from './service/contract-harness.js';
export { FakeContactService } from './service/fake-service.js';
export type { FakeFault, FakeRequestLogEntry, FakeServiceOptions } from './service/fake-service.js';
export { seededRandom } from './util/seeded-random.js';
export { propertyParameters } from './util/property-parameters.js';
export type { PropertyParameters, RegressionExample } from './util/property-parameters.js';
export { MemoryLocks } from './engine/memory-locks.js';
