/** The command line: a thin adapter from flags to the job description, the two back ends and the report. */
package com.example.credit.batch.cli;
