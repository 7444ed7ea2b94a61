package se.anslag.ports;

import se.anslag.setup.DirectoryEntry;
import se.anslag.setup.MunicipalSetup;

/** The municipality setup as stored: boards, organs and the recipient directory, replaced whole. */
public interface SetupStore {
  /** Replaces the setup: boards, organs and directory entries not in the new one are removed. */
  void replaceSetup(MunicipalSetup setup);

  MunicipalSetup loadSetup();

  /** Adds or replaces one directory entry, keyed by its name, leaving the rest of the setup as it is. */
  void putDirectoryEntry(DirectoryEntry entry);
}
