/** HTTP entry points: SageMaker endpoints, model information for the page, and RFC 9457 error responses. */
package com.example.credit.explainer.web;
