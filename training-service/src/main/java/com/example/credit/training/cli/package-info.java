/** The {@code train} command: SageMaker container entry point and local command line. */
package com.example.credit.training.cli;
