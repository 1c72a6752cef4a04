'use strict';
// No responseData: n8n answers with its default and evaluates no expression for it. See reference.js.
const { referenceTrigger } = require('./reference');

module.exports = {
	BenchNullTrigger: referenceTrigger('benchNullTrigger', 'Bench Null Trigger', {}),
};
