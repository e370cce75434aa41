module emulatorstress

go 1.22
