/** The directory snapshot's name when the registry names none: beside the registry, as `contacts directory read` writes it. */
export const DIRECTORY_SNAPSHOT_FILE_NAME = "directory-snapshot.json";
