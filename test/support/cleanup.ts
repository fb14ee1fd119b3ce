import { removeTempDirs } from "./workspace";

// Every test file leaves the temporary folder as it found it.
afterAll(removeTempDirs);
