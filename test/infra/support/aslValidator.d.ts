/** Types of asl-validator (the package ships none): the validator as its README documents it. */
declare module 'asl-validator' {
  interface AslValidationError {
    readonly message: string;
    readonly path?: string;
  }
  interface AslValidation {
    readonly isValid: boolean;
    readonly errors: readonly AslValidationError[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(
    definition: unknown,
    options?: { readonly checkPaths?: boolean; readonly checkArn?: boolean },
  ): AslValidation;
}
