/** The project's container images as tests see them: read from Jib's tars, or loaded into the engine and run. */
package com.example.credit.testsupport.container;
