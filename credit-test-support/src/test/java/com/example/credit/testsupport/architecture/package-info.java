/** Checks that the repository keeps the architecture ARCHITECTURE.md describes. */
package com.example.credit.testsupport.architecture;
