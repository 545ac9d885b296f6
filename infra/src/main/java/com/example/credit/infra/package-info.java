/** The CDK app of the suite: its entry point, settings read from the CDK context, and the stack wiring. */
package com.example.credit.infra;
