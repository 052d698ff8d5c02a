/* Generated from schemas/*.json by `npm run build:types` (gulp types). Do not edit by hand. */

/**
 * Every Genesys Cloud API model this package uses, keyed by name.
 */
export interface GenesysCloudModels {
	DomainEntityRef: DomainEntityRef;
	ErrorBody: ErrorBody;
	ErrorDetail: ErrorDetail;
	Flow: Flow;
	FlowEntityListing: FlowEntityListing;
	FlowExecutionLaunchRequest: FlowExecutionLaunchRequest;
	FlowExecutionLaunchResponse: FlowExecutionLaunchResponse;
	FlowRuntimeExecution: FlowRuntimeExecution;
	FlowVersion: FlowVersion;
	FlowVersionEntityListing: FlowVersionEntityListing;
	JsonSchemaDocument: JsonSchemaDocument;
	RateLimit: RateLimit;
	TokenErrorResponse: TokenErrorResponse;
	TokenResponse: TokenResponse;
}
/**
 * A reference to another Genesys Cloud entity (division, version, conversation...). URIs are relative paths.
 */
export interface DomainEntityRef {
	id: string;
	name?: string;
	selfUri?: string;
	[k: string]: unknown;
}
/**
 * The error body of the Genesys Cloud Platform API (also FlowRuntimeExecution.flowErrorInfo). Every field is optional on the wire: read it defensively.
 */
export interface ErrorBody {
	message?: string;
	/**
	 * Dotted error code, e.g. invalid.value, missing.permissions, too.many.requests.retry.after.
	 */
	code?: string;
	status?: number;
	entityId?: string;
	entityName?: string;
	messageWithParams?: string;
	messageParams?: {
		[k: string]: string;
	};
	/**
	 * Correlation id; equals the ININ-Correlation-Id response header. Genesys support asks for it.
	 */
	contextId?: string;
	details?: ErrorDetail[];
	errors?: ErrorBody[];
	limit?: RateLimit;
	[k: string]: unknown;
}
/**
 * One item of ErrorBody.details: which field (for launches a Flow.-prefixed input key) caused the error.
 */
export interface ErrorDetail {
	errorCode?: string;
	fieldName?: string;
	entityId?: string;
	entityName?: string;
	[k: string]: unknown;
}
/**
 * ErrorBody.limit: which limit a 429 hit, e.g. key client.credentials.token.rate.per.minute, namespace platform.api, value 300.
 */
export interface RateLimit {
	key?: string;
	namespace?: string;
	value?: number;
	[k: string]: unknown;
}
/**
 * An Architect flow. type comes back UPPERCASE (WORKFLOW, INBOUNDCALL, ...); only WORKFLOW flows can be launched. inputSchema/outputSchema are those of the published version.
 */
export interface Flow {
	id: string;
	name: string;
	description?: string;
	/**
	 * Uppercase flow type: WORKFLOW, INBOUNDCALL, INBOUNDCHAT, INBOUNDEMAIL, INQUEUECALL, OUTBOUNDCALL, BOT, COMMONMODULE, ... (the API may add types).
	 */
	type: string;
	division?: DomainEntityRef;
	active?: boolean;
	system?: boolean;
	deleted?: boolean;
	publishedVersion?: FlowVersion;
	savedVersion?: FlowVersion;
	checkedInVersion?: FlowVersion;
	debugVersion?: FlowVersion;
	inputSchema?: JsonSchemaDocument;
	outputSchema?: JsonSchemaDocument;
	selfUri?: string;
	[k: string]: unknown;
}
/**
 * One version of a flow. Version ids look like "1.0", "3.0"; launches name them in flowVersion.
 */
export interface FlowVersion {
	id: string;
	name?: string;
	commitVersion?: string;
	configurationVersion?: string;
	type?: 'PUBLISH' | 'CHECKIN' | 'SAVE';
	secure?: boolean;
	debug?: boolean;
	createdBy?: DomainEntityRef;
	/**
	 * Epoch milliseconds.
	 */
	dateCreated?: number;
	/**
	 * Epoch milliseconds.
	 */
	dateSaved?: number;
	/**
	 * Epoch milliseconds.
	 */
	dateCheckedIn?: number;
	/**
	 * e.g. WORKFLOW_VERSION_PUBLISHED.
	 */
	generationId?: string;
	datePublished?: string;
	configurationUri?: string;
	inputSchema?: JsonSchemaDocument;
	outputSchema?: JsonSchemaDocument;
	selfUri?: string;
	[k: string]: unknown;
}
/**
 * A flow's inputSchema or outputSchema. Property keys are the Flow.-prefixed variable names. Real orgs send draft-07 documents whose properties are $refs into definitions (archString, archInteger, ...: an archDataTypeId and a oneOf with a null branch), collections as {type: array, maxItems, items: {$ref}}, no required and additionalProperties false; the plain form (each property a JSON Schema with type, optional required) exists too. Read it defensively.
 */
export interface JsonSchemaDocument {
	id?: string;
	$schema?: string;
	title?: string;
	description?: string;
	type?: string;
	required?: string[];
	properties?: {
		[k: string]: {
			[k: string]: unknown;
		};
	};
	additionalProperties?:
		| boolean
		| {
				[k: string]: unknown;
		  };
	/**
	 * The Architect types the properties use (real dialect only), keyed by name, e.g. archString.
	 */
	definitions?: {
		[k: string]: {
			/**
			 * Architect's type id: str, int, dec, bool, ...
			 */
			archDataTypeId?: string;
			oneOf?: {
				[k: string]: unknown;
			}[];
			[k: string]: unknown;
		};
	};
	[k: string]: unknown;
}
/**
 * Paging envelope of GET /api/v2/flows. nextUri is absent on the last page.
 */
export interface FlowEntityListing {
	entities: Flow[];
	pageSize?: number;
	pageNumber?: number;
	total?: number;
	pageCount?: number;
	firstUri?: string;
	selfUri?: string;
	nextUri?: string;
	previousUri?: string;
	lastUri?: string;
	[k: string]: unknown;
}
/**
 * Body of POST /api/v2/flows/executions. No other fields exist: flow inputs ("trigger data") go in inputData, keyed by Flow.-prefixed variable names.
 */
export interface FlowExecutionLaunchRequest {
	flowId: string;
	/**
	 * Version to launch, e.g. "3.0". Omit, null or empty for the latest published version.
	 */
	flowVersion?: string | null;
	/**
	 * Flow inputs keyed by Flow.-prefixed names, e.g. {"Flow.customerId": "123"}. Send {} for a flow without inputs.
	 */
	inputData?: {
		[k: string]: unknown;
	};
	/**
	 * Display name of the execution.
	 */
	name?: string;
}
/**
 * Answer of a launch: the execution started (asynchronous). Poll GET /api/v2/flows/executions/{id} for its outcome.
 */
export interface FlowExecutionLaunchResponse {
	id: string;
	name?: string;
	flowVersion?: DomainEntityRef;
	selfUri?: string;
	[k: string]: unknown;
}
/**
 * State of a flow execution. Terminal statuses: COMPLETED, ERROR, FAILED, TERMINATED. outputData exists only when COMPLETED; its keys carry the Flow. prefix, unset outputs are null and integers may arrive as strings.
 */
export interface FlowRuntimeExecution {
	id: string;
	name?: string;
	flowVersion?: FlowVersion;
	dateLaunched?: string;
	status: 'UNKNOWN' | 'RUNNING' | 'ERROR' | 'TERMINATED' | 'COMPLETED' | 'FAILED';
	dateCompleted?: string;
	completionReason?: string;
	flowErrorInfo?: ErrorBody;
	outputData?: {
		[k: string]: unknown;
	};
	conversation?: DomainEntityRef;
	selfUri?: string;
	[k: string]: unknown;
}
/**
 * Paging envelope of GET /api/v2/flows/{flowId}/versions. nextUri is absent on the last page.
 */
export interface FlowVersionEntityListing {
	entities: FlowVersion[];
	pageSize?: number;
	pageNumber?: number;
	total?: number;
	pageCount?: number;
	firstUri?: string;
	selfUri?: string;
	nextUri?: string;
	previousUri?: string;
	lastUri?: string;
	[k: string]: unknown;
}
/**
 * Error of POST /oauth/token, e.g. {"error":"invalid_client","description":"authentication failed","error_description":"authentication failed"}. invalid_client usually means the wrong region, then a wrong secret.
 */
export interface TokenErrorResponse {
	error: string;
	description?: string;
	error_description?: string;
	[k: string]: unknown;
}
/**
 * Answer of POST /oauth/token (client credentials). No refresh token. Compare token_type case-insensitively.
 */
export interface TokenResponse {
	access_token: string;
	token_type: string;
	/**
	 * Lifetime in seconds (Genesys default 86400).
	 */
	expires_in: number;
	/**
	 * Granted scopes, space-separated, when the server reports them.
	 */
	scope?: string;
	[k: string]: unknown;
}
