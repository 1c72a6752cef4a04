// The platform's shapes, in one place: the nodes, the simulator and the tests all read these.
export * from './common';
export * from './order';
export * from './process';
export * from './project';
export * from './tool';
export * from './webhook';
