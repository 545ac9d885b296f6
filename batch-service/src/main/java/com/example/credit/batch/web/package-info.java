/**
 * The explanations dashboard as a Spring Boot service ({@code batch serve}): the page and the REST API over the run
 * index, the per-applicant report (HTML and PDF), and who may see them.
 */
package com.example.credit.batch.web;
