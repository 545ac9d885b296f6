/** Checks of the container images' configuration, read from the Jib tars that the training and explainer builds write. */
package com.example.credit.infra.image;
