/** Turning Statlog records into applicants: request validation, seeded sampling, perturbation and fake identities. */
package com.example.credit.datagen.generate;
