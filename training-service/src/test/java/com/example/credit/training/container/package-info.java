/** The training image run in a container engine as SageMaker runs it, against the in-process command. */
package com.example.credit.training.container;
