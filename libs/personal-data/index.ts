/**
 * @osteo/personal-data: crypto-shredding. Personal fields of stored events are encrypted with a
 * key per data subject, kept in a SubjectKeyStore; erasing the key erases the data wherever the
 * events are (the store, its copies, its backups). The contract suite is imported by path from
 * tests only.
 */
export { ERASED, type PersonalDataPolicy, type PersonalFieldsOfEvent } from './personal-fields';
export { SubjectKeyStore } from './subject-key-store';
export { SqliteSubjectKeyStore } from './sqlite-subject-key-store';
export { ReadStoreSubjectKeyStore, SUBJECT_KEYS_COLLECTION } from './read-store-subject-key-store';
export { CachingSubjectKeyStore, type KeyCacheOptions } from './caching-subject-key-store';
export { PersonalDataEventStore } from './personal-data-event-store';
