"""Moving in from WordPress: `khabar import-wordpress EXPORT.xml` (see README "Moving in from WordPress")."""
