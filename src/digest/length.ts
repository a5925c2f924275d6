// The digest's default length, apart from the digest code so the CLI can show it in --help without loading it.

/** Default length: a paragraph a reader takes in at a glance, as news digests run. */
export const DEFAULT_DIGEST_WORDS = 120;
