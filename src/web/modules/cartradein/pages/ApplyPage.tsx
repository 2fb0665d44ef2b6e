import { useSearchParams } from 'react-router';
import { ApplicationForm } from './ApplicationForm';

/** /car/apply?program=<id>: a new application. */
export default function ApplyPage() {
  const [params] = useSearchParams();
  const program = Number(params.get('program'));
  return <ApplicationForm {...(Number.isInteger(program) && program > 0 ? { initialProgramId: program } : {})} />;
}
