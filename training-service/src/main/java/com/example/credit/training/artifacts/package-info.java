/** Publishes the model's files into the model folder atomically. */
package com.example.credit.training.artifacts;
