/**
 * The golden model bundle: the model training-service makes from the Statlog fixture, its held-out rows and
 * LightGBM's own answers for them, so that serving tests read a model instead of training one.
 */
package com.example.credit.testsupport.golden;
