// Ends every jest run with one plain line, "N passed, N failed[, N skipped]", that CI systems read whatever the
// runner. Plain JavaScript beside jest.config.js: jest loads reporters with a bare require, without transforms.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		// A suite that cannot run (it does not compile, its setup throws) has no failed tests of its own:
		// count it as a failure, or the line would read "0 failed" over a broken suite.
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
		process.stdout.write(`\ntests: ${line}\n`);
	}
}

module.exports = SummaryReporter;
