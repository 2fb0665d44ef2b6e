import { createContext, useContext } from 'react';

/** What every section of the definition editor needs to know besides the form's values. */
export interface EditorSettings {
  /** Nobody may change this kind here (an auditor, a town, another department, an old version). */
  readOnly: boolean;
  /** Dictionaries a dictionary field may take its codes from (empty when the caller may not list them). */
  dictionaries: { value: string; label: string }[];
}

export const EditorContext = createContext<EditorSettings>({ readOnly: false, dictionaries: [] });
export const useEditor = () => useContext(EditorContext);
