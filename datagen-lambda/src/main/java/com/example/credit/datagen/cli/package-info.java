/** The local command line entry point: flags in, datasets out, progress on stderr. */
package com.example.credit.datagen.cli;
