import type {
	DeduplicationHelperFunctions,
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedOptions,
	IDeduplicationOutput,
	INode,
} from 'n8n-workflow';

export type ProcessedDataQuery = 'read' | 'insert' | 'update' | 'delete';

interface Row {
	mode: string;
	data: string[] | string;
}

/**
 * n8n's `processed_data` table and the DeduplicationHelper on top of it, as n8n 2.36 to 2.41 have
 * them (n8n/dist/deduplication/deduplication-helper.js): one row per (workflow, context), context
 * `n:<node id>` for scope 'node' and '' for 'workflow'. A check reads the row, then INSERTs it when
 * it was absent (the primary key refuses a second insert) or UPDATEs the whole row: no lock, no
 * transaction. Every query yields first, so checks that run together interleave as they do in n8n
 * (both read, both write, the second write wins). Keys are kept as given (n8n stores md5 hashes).
 */
export class ProcessedDataStore {
	readonly rows = new Map<string, Row>();
	/** Every query, in order. */
	readonly queries: Array<{ query: ProcessedDataQuery; context: string }> = [];
	/** INSERTs the primary key refused (a row was inserted first by another check). */
	refusedInserts = 0;
	/** Runs before each query: delay it, or throw to fail it. */
	beforeQuery?: (query: ProcessedDataQuery, context: string) => Promise<void> | void;

	constructor(readonly dialect: 'sqlite' | 'postgres' = 'sqlite') {}

	static context(scope: DeduplicationScope, node: INode): string {
		return scope === 'node' ? `n:${node.id}` : '';
	}

	/** The keys of a row, or undefined when there is none. */
	keys(workflowId: string, context: string): string[] | undefined {
		const data = this.rows.get(`${workflowId}|${context}`)?.data;
		return Array.isArray(data) ? [...data] : undefined;
	}

	private async query(query: ProcessedDataQuery, context: string): Promise<void> {
		this.queries.push({ query, context });
		await Promise.resolve();
		await this.beforeQuery?.(query, context);
	}

	private uniqueViolation(): Error {
		return this.dialect === 'postgres'
			? Object.assign(
					new Error('duplicate key value violates unique constraint "PK_processed_data"'),
					{ name: 'QueryFailedError', code: '23505' },
				)
			: Object.assign(
					new Error(
						'SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId, processed_data.context',
					),
					{ name: 'QueryFailedError', code: 'SQLITE_CONSTRAINT' },
				);
	}

	private async findOne(id: string, context: string): Promise<Row | undefined> {
		await this.query('read', context);
		const row = this.rows.get(id);
		return row && (structuredClone(row) as Row);
	}

	private async insert(id: string, context: string, row: Row): Promise<void> {
		await this.query('insert', context);
		if (this.rows.has(id)) {
			this.refusedInserts++;
			throw this.uniqueViolation();
		}
		this.rows.set(id, row);
	}

	private async update(id: string, context: string, row: Row): Promise<void> {
		await this.query('update', context);
		// An UPDATE of a row deleted meanwhile changes nothing (no error).
		if (this.rows.has(id)) this.rows.set(id, row);
	}

	/** The helpers n8n binds to one node of one workflow. */
	helpersFor(workflowId: string, node: INode): DeduplicationHelperFunctions {
		const where = (scope: DeduplicationScope) => {
			const context = ProcessedDataStore.context(scope, node);
			return { id: `${workflowId}|${context}`, context };
		};
		const checkProcessedAndRecord = async (
			items: DeduplicationItemTypes[],
			scope: DeduplicationScope,
			options: ICheckProcessedOptions,
		): Promise<IDeduplicationOutput> => {
			if (options.mode !== 'entries') throw new Error('only mode "entries" is modelled');
			const { id, context } = where(scope);
			const keys = items.map(String);
			const row = await this.findOne(id, context);
			if (row && row.mode !== options.mode) {
				throw Object.assign(
					new Error(
						'Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter. Try ’Clean Database’ operation to reset.',
					),
					{ name: 'DeduplicationError' },
				);
			}
			if (!row) {
				const kept = options.maxEntries ? keys.slice(-options.maxEntries) : keys;
				await this.insert(id, context, { mode: options.mode, data: kept });
				return { new: items, processed: [] };
			}
			const output: IDeduplicationOutput = { new: [], processed: [] };
			if (!Array.isArray(row.data)) return output;
			const seen = new Set(row.data);
			keys.forEach((key, i) => {
				if (seen.has(key)) output.processed.push(items[i]);
				else {
					output.new.push(items[i]);
					(row.data as string[]).push(key);
				}
			});
			if (options.maxEntries) row.data.splice(0, row.data.length - options.maxEntries);
			await this.update(id, context, row);
			return output;
		};
		return {
			checkProcessedAndRecord,
			checkProcessedItemsAndRecord: async () => {
				throw new Error('checkProcessedItemsAndRecord is not modelled');
			},
			removeProcessed: async (items, scope) => {
				const { id, context } = where(scope);
				const row = await this.findOne(id, context);
				if (!row || !Array.isArray(row.data)) return;
				for (const key of items.map(String)) {
					const index = row.data.indexOf(key);
					if (index !== -1) row.data.splice(index, 1);
				}
				await this.update(id, context, row);
			},
			clearAllProcessedItems: async (scope) => {
				const { id, context } = where(scope);
				await this.query('delete', context);
				this.rows.delete(id);
			},
			getProcessedDataCount: async (scope, options) => {
				const { id, context } = where(scope);
				const row = await this.findOne(id, context);
				return options.mode === 'entries' && row && Array.isArray(row.data) ? row.data.length : 0;
			},
		};
	}

	/** A row as another node would leave it (a Remove Duplicates node with scope "workflow", say). */
	put(workflowId: string, context: string, row: Row): void {
		this.rows.set(`${workflowId}|${context}`, structuredClone(row) as Row);
	}
}
