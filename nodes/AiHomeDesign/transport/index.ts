// The package's only way to the network: the request funnel, downloads and the endpoints.
export { isAllowedDownloadUrl, downloadFile, downloadToBuffer } from './download';
export { isAllowedResultLink, isPrivateHost, isPublicHttpsUrl } from './hosts';
export { apiRequest } from './request';
export { appendToOrder, createOrder, getOrder, type OrderImage } from './endpoints/order';
export { createProcess, getProcess } from './endpoints/process';
export {
	createProject,
	getProject,
	getProjectPage,
	isLastProjectPage,
	listProjects,
} from './endpoints/project';
export { catalogUrlFor, fetchToolCatalog } from './endpoints/tool';
