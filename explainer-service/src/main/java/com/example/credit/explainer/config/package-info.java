/**
 * Configuration of the service: its one properties record, the beans built from the model directory, and the
 * process's graceful exit on SIGTERM.
 */
package com.example.credit.explainer.config;
