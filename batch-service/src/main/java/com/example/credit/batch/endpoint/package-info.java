/**
 * The client side of the explainer's hosting contract for REST users: one interface, {@link
 * com.example.credit.batch.endpoint.Endpoint}, with a SageMaker Runtime back end (InvokeEndpoint on a deployed
 * endpoint) and a plain HTTP back end (a local explainer's {@code /invocations}); the {@code explain} command uses it.
 */
package com.example.credit.batch.endpoint;
