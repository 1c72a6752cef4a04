// Ends every jest run with one plain line, "N passed, N failed[, N skipped]", that CI systems
// read regardless of the test runner.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
		process.stdout.write(`\ntests: ${line}\n`);
	}
}

module.exports = SummaryReporter;
