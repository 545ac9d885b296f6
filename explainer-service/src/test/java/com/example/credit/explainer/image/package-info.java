/** Checks of the explainer image's configuration and files, read from the tar this module's Jib execution writes. */
package com.example.credit.explainer.image;
