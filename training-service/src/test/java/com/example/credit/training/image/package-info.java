/** Checks of the training container image that Jib builds, read from its tar without a Docker daemon. */
package com.example.credit.training.image;
