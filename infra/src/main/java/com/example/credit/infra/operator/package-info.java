/** The operator stack: the least-privilege managed policy for running the pipeline against the deployed stacks. */
package com.example.credit.infra.operator;
