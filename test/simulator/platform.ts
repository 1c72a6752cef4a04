/**
 * The simulator's public face: the core's Platform and types, plus the helpers tests use with it.
 * The core (core/) is pure; the HTTP shell is http-server.ts; the standalone command is cli.ts.
 */
export { Platform } from './core/platform';
export type {
	ApiFinalAsset,
	AssetRole,
	CallRecord,
	FaultFilter,
	FaultName,
	FaultSwitches,
	MalformedKind,
	Outcome,
	PlatformOptions,
	ProcessCompletedEvent,
	ProcessStatus,
	SimAssetView,
	SimOrderView,
	SimProcessView,
	SimProjectView,
	SimRequest,
	SimResponse,
	ToolRun,
} from './core/types';
export { ASSET_ROLES } from './core/spec/uploads';
export { looksLikeJpeg, makeJpeg } from './images';
export { encodeForm } from './multipart';
export * from './tools';
