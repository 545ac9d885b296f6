/**
 * Transform jobs submitted to the dashboard service: a queue of local jobs (one at a time against the configured
 * explainer) and waits on AWS jobs, each job's state saved as JSON after every change so that the jobs survive a
 * restart of the service (local jobs resume from their resume markers, AWS jobs are attached to again).
 */
package com.example.credit.batch.jobs;
