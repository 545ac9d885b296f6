/** Checks of the training image's configuration and files, read from the tar this module's Jib execution writes. */
package com.example.credit.training.image;
