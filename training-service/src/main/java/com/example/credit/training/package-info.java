/** Trains the credit-default model: the training job and the module's exception hierarchy. */
package com.example.credit.training;
