'use strict';
// The same responseData expression as the AI HomeDesign Trigger. See reference.js.
const { referenceTrigger } = require('./reference');

module.exports = {
	BenchNullExpressionTrigger: referenceTrigger(
		'benchNullExpressionTrigger',
		'Bench Null Expression Trigger',
		{ responseData: '={{ { "received": true } }}' },
	),
};
