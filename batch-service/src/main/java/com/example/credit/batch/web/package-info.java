/**
 * The explanations dashboard as a Spring Boot service ({@code batch serve}): the REST API over the run index; the
 * UI, jobs, S3 storage, the per-applicant PDF and access control come next (issue 16).
 */
package com.example.credit.batch.web;
