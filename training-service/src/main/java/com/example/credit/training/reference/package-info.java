/**
 * The reference populations written beside the model: seeded samples of the training rows in model space, which the
 * explainer's interventional TreeSHAP explains against.
 */
package com.example.credit.training.reference;
