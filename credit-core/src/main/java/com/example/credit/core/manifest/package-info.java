/** The model manifest ({@code model.json}) that travels with a trained model: feature order, code tables, metrics. */
package com.example.credit.core.manifest;
