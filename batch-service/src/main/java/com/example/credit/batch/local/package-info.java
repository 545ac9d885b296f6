/** The local back end: Batch Transform semantics on this machine against a running explainer over HTTP. */
package com.example.credit.batch.local;
